export default definePageConfig({ navigationBarTitleText: '电子票', navigationBarBackgroundColor: '#C8161D' });
