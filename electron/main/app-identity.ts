/**
 * Who the app is to Windows. The AppUserModelID groups the taskbar button, the Start menu
 * shortcut the installer makes and the toasts: it must equal electron-builder.yml's appId
 * (app-identity.test.ts checks it), or Windows shows no toasts for the installed app.
 */
export const APP_USER_MODEL_ID = 'vn.vanthu.desktop';
