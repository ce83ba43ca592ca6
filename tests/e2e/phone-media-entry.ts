/** What tests/e2e/phone-media-engine.spec.ts loads into a blank Chromium page. */
export { MediaEngine, browserMediaDeps } from '../../renderer/features/phone/media-engine';
export { Ringer } from '../../renderer/features/phone/ringer';
