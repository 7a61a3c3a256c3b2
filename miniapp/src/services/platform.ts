// One place that knows which runtime this is: the WeChat mini-program or the H5 build.
export const IS_WEAPP = process.env.TARO_ENV === 'weapp';
export const IS_H5 = process.env.TARO_ENV === 'h5';
