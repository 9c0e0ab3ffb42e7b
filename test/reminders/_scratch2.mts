import { DateTime } from 'luxon';
import { getNextMillis } from 'bullmq';
for (const d of ['2025-01-31','2025-02-03','2025-02-07','2028-02-29','2028-03-07','2025-12-31','2026-01-01','2026-01-07','2025-01-06','2025-01-20','2025-03-17','2025-03-03', '2024-12-30','2025-12-29']) console.log(d, DateTime.fromISO(d).weekdayLong);
console.log(new Date(getNextMillis(Date.parse('2025-03-14T03:00:00Z'), { pattern: '0 8 * * 0', tz: 'Asia/Jayapura' })!).toISOString());
