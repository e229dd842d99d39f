/** The dependency rule of ARCHITECTURE.md: core ← app ← server, cli; core ← storage; core ← web. */
const pkg = (n) => `^packages/${n}/`
// The app's slices, lowest first (ARCHITECTURE.md): a slice imports only the slices before it.
const SLICES = [
  'audit',
  'tenancy',
  'access',
  'jobs',
  'uploads',
  'filters',
  'codes',
  'classification',
  'attributes',
  'customers',
  'audit-log',
  'transfer',
]
const sliceRules = SLICES.slice(0, -1).map((slice, i) => ({
  name: `app-slice-${slice}`,
  comment: `app/${slice} sees only ${SLICES.slice(0, i).join(', ') || 'no other slice'}`,
  severity: 'error',
  from: { path: `^packages/app/src/${slice}/`, pathNot: '\\.test\\.ts$' },
  to: { path: SLICES.slice(i + 1).map((above) => `^packages/app/src/${above}/`) },
}))
module.exports = {
  forbidden: [
    ...sliceRules,
    {
      name: 'app-internal-stays-internal',
      comment: "a slice's internal/ helpers are not part of the package: its entry lists use cases and inputs only",
      severity: 'error',
      from: { path: '^packages/app/src/index\\.ts$' },
      to: { path: '^packages/app/src/[^/]+/internal/' },
    },
    {
      name: 'core-is-pure',
      comment: 'core imports nothing from the workspace and nothing from Node',
      severity: 'error',
      from: { path: pkg('core'), pathNot: '\\.test\\.ts$' },
      to: { pathNot: [pkg('core'), 'node_modules/(zod|pinyin-pro|opencc-js)/'] },
    },
    {
      name: 'app-uses-core-only',
      comment: 'use cases reach storage only through core ports (tests aside)',
      severity: 'error',
      from: { path: pkg('app'), pathNot: ['\\.test\\.ts$', '/testing/'] },
      to: { path: [pkg('storage'), pkg('server'), pkg('cli'), pkg('web'), pkg('sample')] },
    },
    {
      name: 'storage-below-app',
      severity: 'error',
      from: { path: pkg('storage'), pathNot: ['\\.test\\.ts$', '/testing/'] },
      to: { path: [pkg('app'), pkg('server'), pkg('cli'), pkg('web'), pkg('sample')] },
    },
    {
      name: 'server-is-not-cli',
      severity: 'error',
      from: { path: pkg('server'), pathNot: ['\\.test\\.ts$', '/testing/'] },
      to: { path: [pkg('cli'), pkg('web'), pkg('sample')] },
    },
    {
      name: 'web-sees-core-only',
      comment: 'the browser tests (e2e/) start the real server; the UI itself sees core only',
      severity: 'error',
      from: { path: pkg('web'), pathNot: '/e2e/' },
      to: { path: [pkg('app'), pkg('storage'), pkg('server'), pkg('cli'), pkg('sample')] },
    },
    {
      name: 'sample-sees-core-only',
      severity: 'error',
      from: { path: pkg('sample') },
      to: { path: [pkg('app'), pkg('storage'), pkg('server'), pkg('cli'), pkg('web')] },
    },
    {
      name: 'files-sees-core-only',
      comment: 'the file readers and writers are Node code over core types; nothing of the app, storage or edges',
      severity: 'error',
      from: { path: pkg('files') },
      to: { path: [pkg('app'), pkg('storage'), pkg('server'), pkg('cli'), pkg('web'), pkg('sample')] },
    },
    {
      name: 'files-at-the-edges',
      comment: 'files are opened and written by the composition roots (server, cli), bench and tests',
      severity: 'error',
      from: { pathNot: [pkg('files'), pkg('server'), pkg('cli'), '^bench/', '\\.test\\.ts$', '/testing/'] },
      to: { path: pkg('files') },
    },
    {
      name: 'no-circular',
      comment: 'lazy page imports and type-only imports are not load-time cycles',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['dynamic-import', 'type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['dist/', 'node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['types', 'import', 'default'] },
  },
}
