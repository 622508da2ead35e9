/**
 * The UI language: Vietnamese unless the user switched, remembered in localStorage. Every text
 * comes from shared/i18n/messages.ts through `useI18n().t`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LANG, LANGUAGES, isLang, t as translate, type Lang, type MessageKey, type ParamsArg } from '../shared/i18n/messages.js';

const STORAGE_KEY = 'vanthu.lang';

export type Translate = <K extends MessageKey>(key: K, ...params: ParamsArg<K>) => string;

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

function storedLang(): Lang {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

const I18nContext = createContext<I18n | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be unavailable (privacy settings): the choice then lasts for this session.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate('app.title', lang);
  }, [lang]);

  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: ((key: MessageKey, ...params: [Record<string, string | number>?]) => (translate as (k: MessageKey, l: Lang, p?: Record<string, string | number>) => string)(key, lang, params[0])) as Translate }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() outside <LanguageProvider>');
  return value;
}

/** VI | EN, a pair of toggle buttons. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={lang === option}
          title={t(option === 'vi' ? 'language.vi.title' : 'language.en.title')}
          onClick={() => setLang(option)}
        >
          {t(option === 'vi' ? 'language.vi' : 'language.en')}
        </button>
      ))}
    </div>
  );
}
