import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider, createApi, createQueryClient } from './api/client.js';
import { forgetBrowserSession } from './api/browser-session.js';
import { App } from './App.js';
import { LockedScreen } from './components/LockedScreen.js';
import { ToastProvider, createToastStore } from './components/toasts.js';
import { LanguageProvider } from './i18n.js';
import './styles.css';

const toasts = createToastStore();
const queryClient = createQueryClient((error) => toasts.apiError(error));

const element = document.getElementById('root');
if (!element) throw new Error('index.html has no #root');
const root = createRoot(element);

/** Browser mode without a valid session: the way in is a new launch link. */
function showLocked(): void {
  forgetBrowserSession();
  queryClient.clear();
  root.render(
    <StrictMode>
      <LanguageProvider>
        <LockedScreen />
      </LanguageProvider>
    </StrictMode>,
  );
}

void createApi(showLocked).then((api) => {
  if (!api) return showLocked();
  root.render(
    <StrictMode>
      <LanguageProvider>
        <ToastProvider store={toasts}>
          <ApiProvider api={api} queryClient={queryClient}>
            <App />
          </ApiProvider>
        </ToastProvider>
      </LanguageProvider>
    </StrictMode>,
  );
});
