// NutUI on demand: only this component's code and stylesheet enter the bundle.
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';

export default Button;
