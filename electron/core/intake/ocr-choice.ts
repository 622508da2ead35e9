/** The OCR engine the app runs (chosen by `npm run bench -- ocr`: docs/architecture.md#ocr). */
export const APP_OCR_ENGINE = 'tesseract.js';
