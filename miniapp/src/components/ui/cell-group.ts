// NutUI on demand: only this component's code and stylesheet enter the bundle.
import CellGroup from '@nutui/nutui-react-taro/dist/es/packages/cellgroup';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';

export default CellGroup;
