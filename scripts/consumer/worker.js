// A plain JavaScript worker started with startThread(): it posts one message to its starter.
import { getThreadData, PostThreadMessage, WM_USER } from 'afxsock/pump';

const { replyTo } = getThreadData();
if (!PostThreadMessage(replyTo, WM_USER + 1, 7, 0)) throw new Error('PostThreadMessage failed');
