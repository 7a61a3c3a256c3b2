// NutUI on demand: only this component's code and stylesheet enter the bundle.
import Empty from '@nutui/nutui-react-taro/dist/es/packages/empty';
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css';

export default Empty;
