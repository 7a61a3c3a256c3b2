// NutUI on demand: only this component's code and stylesheet enter the bundle.
import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';

export default Switch;
