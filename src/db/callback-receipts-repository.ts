import type { Queryable } from './pool';

/** Records a vendor callback's replay key; false when it was already recorded (a replay). */
export async function claimCallbackReceipt(client: Queryable, key: string): Promise<boolean> {
  const { rowCount } = await client.query('INSERT INTO callback_receipts (key) VALUES ($1::text) ON CONFLICT (key) DO NOTHING', [key]);
  return rowCount === 1;
}

/** Forgets a replay key whose callback could not be handled (503), so the vendor's retry is handled rather than refused. */
export async function releaseCallbackReceipt(client: Queryable, key: string): Promise<void> {
  await client.query('DELETE FROM callback_receipts WHERE key = $1::text', [key]);
}

/** Deletes replay keys older than `olderThanHours`; returns how many. */
export async function deleteOldCallbackReceipts(client: Queryable, olderThanHours: number): Promise<number> {
  const { rowCount } = await client.query("DELETE FROM callback_receipts WHERE received_at < now() - make_interval(hours => $1::int)", [olderThanHours]);
  return rowCount ?? 0;
}
