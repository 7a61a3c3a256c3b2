export default definePageConfig({ navigationBarTitleText: '工会活动', enablePullDownRefresh: true });
