export default definePageConfig({ navigationBarTitleText: '驿站运行情况' });
