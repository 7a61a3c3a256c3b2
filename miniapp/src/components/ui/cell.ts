// NutUI on demand: only this component's code and stylesheet enter the bundle.
import Cell from '@nutui/nutui-react-taro/dist/es/packages/cell';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';

export default Cell;
