// The pages: pure functions from a page context and a view model to HTML, like the PDF templates.
export * from './page-context.js';
export * from './paths.js';
export * from './format.js';
export * from './components.js';
export * from './layout.js';
export * from './navigation.js';
export * from './sign-in.page.js';
export * from './verify.page.js';
export * from './error.page.js';
export { UI, ui, LANGUAGE_AUTONYMS, PAGE_LANGUAGES, EVENT_LABELS, EVENTS_WITH_COMMENT, type UiKey } from '../page-labels.js';
export * from './requests-list.page.js';
export * from './work-queue.page.js';
export * from './review.page.js';
export * from './dashboard.page.js';
export * from './request-form.js';
export * from './request.page.js';
export * from './new-request.page.js';
export * from './notifications.page.js';
