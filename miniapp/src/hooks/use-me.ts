// 我的: who the person is (user + roster member) and the session around it.
import { api } from '../services/api';
import { getCachedUser, saveUser } from '../services/session';
import { useResource } from './resource';

export function useMe() {
  return useResource(async () => {
    const me = await api.me();
    saveUser(me.user);
    return me;
  }, []);
}

export { getCachedUser };
