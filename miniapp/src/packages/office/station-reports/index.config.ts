export default definePageConfig({ navigationBarTitleText: '驿站问题反映' });
