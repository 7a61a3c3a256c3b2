export default definePageConfig({ navigationBarTitleText: '互助保障', enablePullDownRefresh: true });
