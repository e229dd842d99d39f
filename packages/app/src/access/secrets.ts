import { createHash, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

// scrypt with N = 2^15, r = 8, p = 1 (32 MiB, tens of milliseconds): OWASP's floor for scrypt. The parameters
// are stored with each hash, so raising them later still verifies the old ones.
const COST = { N: 2 ** 15, r: 8, p: 1 }
const KEY_LENGTH = 32

const derive = (password: string, salt: Buffer, o: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...o, maxmem: 128 * (o.N ?? 0) * (o.r ?? 0) * 2 }, (e, k) =>
      e ? reject(e) : resolve(k),
    ),
  )

/** `scrypt$N$r$p$salt$key`, base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, COST)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** Whether `password` matches `stored`, in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$')
  if (alg !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

// Verifying against this when a login does not exist takes as long as a real check, so timing reveals nothing.
let decoy: Promise<string> | undefined
export const decoyHash = () => {
  decoy ??= hashPassword(randomBytes(12).toString('base64url'))
  return decoy
}

/** A new random secret for a session cookie or an API token (256 bits), with an optional prefix. */
export const newSecret = (prefix = '') => prefix + randomBytes(32).toString('base64url')

/** What is stored of a secret: its SHA-256, hex. */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex')
