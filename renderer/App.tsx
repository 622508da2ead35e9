import { errorText } from '../shared/i18n/messages.js';
import { useApiQuery } from './api/client.js';
import { AppHeader } from './components/AppHeader.js';
import { ToastRegion } from './components/toasts.js';
import { RecoveryScreen } from './features/recovery/RecoveryScreen.js';
import { SetupScreen } from './features/setup/SetupScreen.js';
import { MainWindow } from './features/shell/MainWindow.js';
import { HubSignInForm } from './features/hub/HubSignInForm.js';
import { useI18n } from './i18n.js';

export function App() {
  const { t, lang } = useI18n();
  const state = useApiQuery('app.getState', {});
  const hub = useApiQuery('hub.getStatus', {}, { enabled: state.data?.phase === 'ready' });

  let content;
  if (state.data?.phase === 'ready' && hub.data && hub.data.user === null) {
    // Agency mode, signed out: the replica is the last user's; nothing of it shows until someone signs in.
    content = (
      <div className="app-frame">
        <AppHeader connection={null} />
        <main className="setup" aria-labelledby="hub-sign-in-title">
          <h1 id="hub-sign-in-title">{t('hub.signedOut.title')}</h1>
          <p className="setup-intro">{t('hub.signedOut.intro')}</p>
          <div className="setup-choices">
            <section className="card setup-choice" aria-labelledby="hub-sign-in-title">
              <HubSignInForm labelledBy="hub-sign-in-title" fixedHubUrl={hub.data.hubUrl} />
            </section>
          </div>
        </main>
      </div>
    );
  } else if (state.data?.phase === 'ready') {
    content = <MainWindow state={state.data} />;
  } else if (state.data?.phase === 'recovery' && state.data.recovery) {
    content = (
      <div className="app-frame">
        <AppHeader connection={null} />
        <RecoveryScreen recovery={state.data.recovery} dataDir={state.data.dataDir} />
      </div>
    );
  } else if (state.data?.phase === 'setup') {
    content = (
      <div className="app-frame">
        <AppHeader connection={null} />
        <SetupScreen />
      </div>
    );
  } else {
    content = (
      <div className="app-frame">
        <AppHeader connection={null} />
        <main className="splash">
          {state.error ? (
            <div className="query-error" role="alert">
              <p>{t('app.loadFailed')}</p>
              <p title={state.error.message}>{errorText(state.error.code, lang)}</p>
              <button type="button" className="button button-primary" onClick={() => void state.refetch()}>
                {t('common.retry')}
              </button>
            </div>
          ) : (
            <p className="muted" role="status">
              {t('app.loading')}
            </p>
          )}
        </main>
      </div>
    );
  }

  return (
    <>
      {content}
      <ToastRegion />
    </>
  );
}
