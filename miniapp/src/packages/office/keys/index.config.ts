export default definePageConfig({ navigationBarTitleText: '服务密钥' });
