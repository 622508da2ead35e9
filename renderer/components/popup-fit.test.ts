import { describe, expect, it } from 'vitest';
import { fitPopup } from './popup-fit.js';

describe('a popup that fits the window', () => {
  it('opens below its anchor when it fits there', () => {
    expect(fitPopup({ top: 100, bottom: 130 }, 768, 320)).toEqual({ placement: 'below', maxHeight: 320 });
  });

  it('opens above an anchor near the bottom of the window, as tall as the room there allows', () => {
    // 1366×768: the recipient box at the bottom of the draft page left room for three rows below.
    expect(fitPopup({ top: 640, bottom: 670 }, 768, 320)).toEqual({ placement: 'above', maxHeight: 320 });
    expect(fitPopup({ top: 250, bottom: 280 }, 300, 320)).toEqual({ placement: 'above', maxHeight: 242 });
    // Four rows' room below (the send section one line longer), far more above: above.
    expect(fitPopup({ top: 519, bottom: 555 }, 768, 320)).toEqual({ placement: 'above', maxHeight: 320 });
  });

  it('stays below when there is more room below than above, shortened to the room', () => {
    expect(fitPopup({ top: 100, bottom: 130 }, 400, 320)).toEqual({ placement: 'below', maxHeight: 262 });
  });

  it('stays below when a short popup fits there even if there is more room above', () => {
    expect(fitPopup({ top: 500, bottom: 530 }, 768, 120)).toEqual({ placement: 'below', maxHeight: 120 });
  });
});
