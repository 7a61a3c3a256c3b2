export default definePageConfig({ navigationBarTitleText: '核验会员码' });
