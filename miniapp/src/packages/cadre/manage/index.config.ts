export default definePageConfig({ navigationBarTitleText: '工会干部', enablePullDownRefresh: true });
