import { z } from 'zod';

/** What the preload sends on `core:call`; validated in the main process. Kept apart from ipc.ts so the preload bundle carries no zod. */
export const IpcCallRequest = z.object({ method: z.string().max(100), params: z.unknown().optional() });
export type IpcCallRequest = z.infer<typeof IpcCallRequest>;
