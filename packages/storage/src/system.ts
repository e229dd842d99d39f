import type { Clock, Ids } from '@kehu/core'
import { v7 } from 'uuid'

export const systemClock: Clock = { now: () => new Date() }
export const uuidIds: Ids = { next: () => v7() }
