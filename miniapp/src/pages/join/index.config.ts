export default definePageConfig({ navigationBarTitleText: '申请入会', enablePullDownRefresh: true });
