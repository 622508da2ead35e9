// @vitest-environment jsdom
/**
 * Signing in at the agency server: the core answers "connecting" once the link has started, and
 * the link may say "online" by an event before that answer arrives. The status bar must then keep
 * "online", not go back to "connecting" until the next feed answer.
 */
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { HubLinkStatus } from '../../../shared/api/hub-link.js';
import { messages } from '../../../shared/i18n/messages.js';
import { apiQueryKey, createQueryClient } from '../../api/client.js';
import { renderOverCore, scriptedCore } from '../../api/scripted-core.js';
import { HubSignInForm } from './HubSignInForm.js';

const status = (phase: HubLinkStatus['phase']): HubLinkStatus => ({
  hubUrl: 'https://hub.example',
  user: { id: 7, username: 'vanthu', displayName: 'Văn thư', unitId: 1, roles: ['clerk'] },
  phase,
  behind: null,
  behindAtLeast: false,
  snapshotDocuments: null,
  queued: 0,
  refused: 0,
  lastContactAt: null,
  nextAttemptAt: null,
  detail: null,
});

beforeEach(() => window.localStorage.setItem('vanthu.lang', 'vi'));
afterEach(cleanup);

it('keeps an "online" the link sent while the sign-in was being answered', async () => {
  const queryClient = createQueryClient(() => undefined);
  const key = apiQueryKey('hub.getStatus', {});
  let answer: (value: HubLinkStatus) => void = () => undefined;
  const { api } = scriptedCore({
    'policy.get': () => ({ policy: {}, source: null, problems: [] }) as never,
    'hub.connect': () => new Promise<HubLinkStatus>((resolve) => (answer = resolve)) as never,
    'app.getState': () => ({ phase: 'ready' }) as never,
  });
  renderOverCore(api, <HubSignInForm labelledBy="x" fixedHubUrl="https://hub.example" />, queryClient);
  await userEvent.type(screen.getByLabelText(messages['hub.username.label'].vi, { exact: false }), 'vanthu');
  await userEvent.type(screen.getByLabelText(messages['hub.password.label'].vi, { exact: false }), 'mật khẩu');
  await userEvent.click(screen.getByRole('button', { name: messages['hub.signIn.button'].vi }));
  // The link's event, before the call's answer.
  await new Promise((resolve) => setTimeout(resolve, 20));
  queryClient.setQueryData(key, status('online'));
  answer(status('connecting'));
  await waitFor(() => expect(screen.queryByText(messages['hub.signIn.pending'].vi)).toBeNull());
  expect(queryClient.getQueryData<HubLinkStatus>(key)?.phase).toBe('online');
});

it('takes the answer when no event came first', async () => {
  const queryClient = createQueryClient(() => undefined);
  const key = apiQueryKey('hub.getStatus', {});
  const { api } = scriptedCore({
    'policy.get': () => ({ policy: {}, source: null, problems: [] }) as never,
    'hub.connect': () => status('connecting'),
    'app.getState': () => ({ phase: 'ready' }) as never,
  });
  renderOverCore(api, <HubSignInForm labelledBy="x" fixedHubUrl="https://hub.example" />, queryClient);
  await userEvent.type(screen.getByLabelText(messages['hub.username.label'].vi, { exact: false }), 'vanthu');
  await userEvent.type(screen.getByLabelText(messages['hub.password.label'].vi, { exact: false }), 'mật khẩu');
  await userEvent.click(screen.getByRole('button', { name: messages['hub.signIn.button'].vi }));
  await waitFor(() => expect(queryClient.getQueryData<HubLinkStatus>(key)?.phase).toBe('connecting'));
});
