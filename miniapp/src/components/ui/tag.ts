// NutUI on demand: only this component's code and stylesheet enter the bundle.
import Tag from '@nutui/nutui-react-taro/dist/es/packages/tag';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';

export default Tag;
