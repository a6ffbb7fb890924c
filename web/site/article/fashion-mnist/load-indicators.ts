// A Fashion-MNIST loader's progress bar, status line and missing-data message, with the
// data-testids <prefix>-progress, <prefix>-load-status and <prefix>-data-error.
import { el } from 'relu-wasm/ui';

export interface LoadIndicators {
  progress: HTMLProgressElement;
  status: HTMLOutputElement;
  error: HTMLParagraphElement;
}

/** `idle`: the status before anything loads. */
export function loadIndicators(prefix: string, idle: string): LoadIndicators {
  return {
    progress: el('progress', {
      max: 1,
      value: 0,
      'data-testid': `${prefix}-progress`,
      'aria-label': 'Fashion-MNIST download',
    }),
    status: el('output', { class: `${prefix}-load-status`, 'data-testid': `${prefix}-load-status` }, idle),
    error: el('p', { class: 'widget-error', role: 'alert', 'data-testid': `${prefix}-data-error`, hidden: true }),
  };
}
