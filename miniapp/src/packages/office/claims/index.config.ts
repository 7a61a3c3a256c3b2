export default definePageConfig({ navigationBarTitleText: '理赔查询' });
