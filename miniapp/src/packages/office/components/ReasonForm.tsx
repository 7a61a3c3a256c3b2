import { Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import Button from '../../../components/ui/button';
import { toast } from '../../../utils/feedback';

/**
 * A decision that needs a reason the other side reads (驳回, 不接收, 提出异议): 2–200 characters,
 * as the contract's `reason`, then the confirming button and 取消.
 */
export default function ReasonForm(props: {
  /** class of the text box and of the confirming button (the browser tests find them by these) */
  inputClass: string;
  sendClass: string;
  placeholder: string;
  sendText: string;
  /** what to say when the reason is too short */
  missing: string;
  busy: boolean;
  onSend: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <View className="join-app__form">
      <Textarea className={`form-field__input ${props.inputClass}`} value={reason} placeholder={props.placeholder} maxlength={200} onInput={(e) => setReason(e.detail.value)} />
      <Button className={props.sendClass} type="primary" size="large" loading={props.busy} onClick={() => (reason.trim().length < 2 ? toast(props.missing) : props.onSend(reason.trim()))}>
        {props.sendText}
      </Button>
      <Button size="large" onClick={props.onCancel}>
        取消
      </Button>
    </View>
  );
}
