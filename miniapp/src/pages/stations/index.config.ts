export default definePageConfig({ navigationBarTitleText: '爱心驿站', enablePullDownRefresh: true });
