export {
  customerStream,
  DEFAULT_SEED,
  generateCustomers,
  SAMPLE_TODAY,
  type SampleCustomer,
  type SampleOptions,
} from './customers.js'
export { Random } from './random.js'
export { demoMaps, demoSchemes, type SampleMap, type SampleNode, type SampleScheme } from './schemes.js'
