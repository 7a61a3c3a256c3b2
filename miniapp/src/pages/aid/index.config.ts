export default definePageConfig({ navigationBarTitleText: '帮扶助学', enablePullDownRefresh: true });
