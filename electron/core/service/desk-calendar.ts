/**
 * The working calendar of this computer: the table VanThu ships (a day IT adds at the hub is not
 * known here yet, docs/formats.md "Working days and deadlines"), for a desk's deadline notices and
 * a standalone agency's deadlines alike.
 */
import { WorkingCalendar } from '../../../shared/domain/working-days.js';
import { VIETNAM_DAYS_OFF } from '../../../shared/domain/vietnam-days-off.js';

export const deskCalendar = new WorkingCalendar(VIETNAM_DAYS_OFF);
