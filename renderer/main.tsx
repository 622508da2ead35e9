import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider, createApi, createQueryClient } from './api/client.js';
import { App } from './App.js';
import { ToastProvider, createToastStore } from './components/toasts.js';
import { LanguageProvider } from './i18n.js';
import './styles.css';

const toasts = createToastStore();
const queryClient = createQueryClient((error) => toasts.apiError(error));
const api = createApi();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
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
