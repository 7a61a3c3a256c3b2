export default definePageConfig({ navigationBarTitleText: '工会办公' });
