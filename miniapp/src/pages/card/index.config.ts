export default definePageConfig({ navigationBarTitleText: '电子会员卡', navigationBarBackgroundColor: '#C8161D' });
