/**
 * `notices.read`: the person read deadline notices at one of his desks. Nothing at the hub
 * changes but the feed: the read goes to his desks alone (the change's audience is him), so a
 * second computer, or a new one replaying the feed, shows them read too. Keys of notices that
 * are not his match nothing at his desks, which keep notices by person.
 */
import { NOTICES_READ } from '../../shared/hub/deadlines.js';
import { recordChange } from '../store/changes.js';
import type { CommandHandler } from './command-handler.js';

export const noticesRead: CommandHandler<'notices.read'> = {
  async apply({ account, client, now }, { keys, through }) {
    await recordChange(client, {
      kind: NOTICES_READ,
      subject: `user:${account.userId}`,
      payload: { keys: keys ?? null, through: through ?? null, at: now.toISOString() },
      audience: { users: [account.userId] },
    });
    return {};
  },
};
