// zod/mini loads no locale: without one, every issue reads "Invalid input". This module sets English
// messages once; fields.ts imports it (so whatever parses with the contracts has them), and so does
// every module that parses with zod/mini without going through the contracts (the kit's validate.ts,
// work-queue messages). Listed under `sideEffects` in package.json, so bundlers keep it.
import { config } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

config(en());
