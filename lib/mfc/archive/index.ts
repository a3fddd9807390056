// Front door of the archive layer: CArchive, the files it sits on, CObject and its run-time
// classes, the collection classes and the exceptions. Internal helpers are not re-exported.
export { CArchive } from './CArchive.ts';
export type { CArchiveOptions } from './ArchiveBuffer.ts';
export { AfxReadStringLength, AfxWriteStringLength } from './AfxStringLength.ts';
export { CodePage } from './CodePage.ts';
export type { POINT, SIZE, RECT } from './windef.ts';

export { CFile } from '../file/CFile.ts';
export { CMemFile } from '../file/CMemFile.ts';

export { CObject } from '../object/CObject.ts';
export { CRuntimeClass, VERSIONABLE_SCHEMA, type CObjectClass } from '../object/CRuntimeClass.ts';
export { IMPLEMENT_DYNAMIC, IMPLEMENT_DYNCREATE, IMPLEMENT_SERIAL, RUNTIME_CLASS } from '../object/IMPLEMENT_SERIAL.ts';

export { CException } from '../exceptions/CException.ts';
export { AfxThrowArchiveException, ArchiveIncompleteError, CArchiveException } from '../exceptions/CArchiveException.ts';
export { AfxThrowFileException, CFileException } from '../exceptions/CFileException.ts';
export { AfxThrowMemoryException, CMemoryException } from '../exceptions/CMemoryException.ts';
export { AfxThrowNotSupportedException, CNotSupportedException } from '../exceptions/CNotSupportedException.ts';
export { AfxThrowInvalidArgException, CInvalidArgException } from '../exceptions/CInvalidArgException.ts';
export { AfxThrowOleException, COleException, E_FAIL, E_INVALIDARG } from '../exceptions/COleException.ts';

export { CTime } from '../time/CTime.ts';
export { CTimeSpan } from '../time/CTimeSpan.ts';

export type { POSITION } from '../collections/POSITION.ts';
export { BEFORE_START_POSITION } from '../collections/POSITION.ts';
export { CObArray } from '../collections/CObArray.ts';
export { CObList } from '../collections/CObList.ts';
export { CStringArray } from '../collections/CStringArray.ts';
export { CStringList } from '../collections/CStringList.ts';
export { CByteArray } from '../collections/CByteArray.ts';
export { CWordArray } from '../collections/CWordArray.ts';
export { CDWordArray } from '../collections/CDWordArray.ts';
export { CMapStringToString } from '../collections/CMapStringToString.ts';
export { CMapStringToOb } from '../collections/CMapStringToOb.ts';
export { CMapWordToOb } from '../collections/CMapWordToOb.ts';
export { CArray } from '../collections/CArray.ts';
export { CList } from '../collections/CList.ts';
export { CMap } from '../collections/CMap.ts';
export type { ElementCodec, ElementName, ElementOf, ElementSpec, ElementTypes } from '../collections/ElementCodec.ts';
export { HashKeyIdentity, HashKeyString } from '../collections/HashKey.ts';
export { CTypedPtrList } from '../collections/CTypedPtrList.ts';
export { CTypedPtrArray } from '../collections/CTypedPtrArray.ts';
export { CTypedPtrMap } from '../collections/CTypedPtrMap.ts';
export { CPtrList } from '../collections/CPtrList.ts';
export { CPtrArray } from '../collections/CPtrArray.ts';
export { CUIntArray } from '../collections/CUIntArray.ts';
export { CMapPtrToPtr } from '../collections/CMapPtrToPtr.ts';
export { CMapPtrToWord } from '../collections/CMapPtrToWord.ts';
export { CMapStringToPtr } from '../collections/CMapStringToPtr.ts';
export { CMapWordToPtr } from '../collections/CMapWordToPtr.ts';
