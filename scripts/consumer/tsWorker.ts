// A TypeScript worker for startThread(): it posts one message to its starter.
import { getThreadData, PostThreadMessage, WM_USER } from 'afxsock/pump';

const { replyTo } = getThreadData<{ replyTo: number }>();
if (!PostThreadMessage(replyTo, WM_USER + 2, 11, 0)) throw new Error('PostThreadMessage failed');
