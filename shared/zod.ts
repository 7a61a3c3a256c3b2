// One configured Zod for both sides: validation messages in Simplified Chinese.
import { z } from 'zod';

z.config(z.locales.zhCN());

export { z };
