/*
 * The native half of Mica's ffi module: dlopen/dlsym, calls through libffi described by
 * MicroPython's one-letter type codes, closures that call back into Java, and raw memory
 * access. The Java side (dev.mica.ffi.NativeCalls) does every conversion to and from Python
 * values; here values travel as 64-bit slots: integers widened to 64 bits, a float as its
 * 32 bits, a double as its 64 bits.
 */
#include <jni.h>
#include <dlfcn.h>
#include <errno.h>
#include <ffi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS 64

static JavaVM *java_vm;
static jmethodID invoke_method;

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void)reserved;
    java_vm = vm;
    return JNI_VERSION_1_8;
}

/* libffi's type for a type code, or NULL for an unknown code. */
static ffi_type *type_of(char code) {
    switch (code) {
        case 'b': return &ffi_type_sint8;
        case 'B': return &ffi_type_uint8;
        case 'h': return &ffi_type_sint16;
        case 'H': return &ffi_type_uint16;
        case 'i': return &ffi_type_sint32;
        case 'I': return &ffi_type_uint32;
        case 'l': return &ffi_type_slong;
        case 'L': return &ffi_type_ulong;
        case 'q': return &ffi_type_sint64;
        case 'Q': return &ffi_type_uint64;
        case 'f': return &ffi_type_float;
        case 'd': return &ffi_type_double;
        case 'O': case 'C': case 'P': case 'p': case 's': return &ffi_type_pointer;
        case 'v': return &ffi_type_void;
        default: return NULL;
    }
}

/* A value in its C representation, and where libffi reads or writes it. */
typedef union {
    int8_t b; uint8_t B; int16_t h; uint16_t H; int32_t i; uint32_t I;
    long l; unsigned long L; int64_t q; uint64_t Q; float f; double d; void *p;
    ffi_arg widened; ffi_sarg swidened;
} c_value;

static void store(c_value *v, char code, jlong slot) {
    switch (code) {
        case 'b': v->b = (int8_t)slot; break;
        case 'B': v->B = (uint8_t)slot; break;
        case 'h': v->h = (int16_t)slot; break;
        case 'H': v->H = (uint16_t)slot; break;
        case 'i': v->i = (int32_t)slot; break;
        case 'I': v->I = (uint32_t)slot; break;
        case 'l': v->l = (long)slot; break;
        case 'L': v->L = (unsigned long)slot; break;
        case 'q': v->q = (int64_t)slot; break;
        case 'Q': v->Q = (uint64_t)slot; break;
        case 'f': { int32_t bits = (int32_t)slot; memcpy(&v->f, &bits, sizeof bits); break; }
        case 'd': memcpy(&v->d, &slot, sizeof slot); break;
        default: v->p = (void *)(intptr_t)slot; break;
    }
}

/* Reads a value libffi returned (small integers come widened to a full ffi_arg). */
static jlong load_returned(const c_value *v, char code) {
    switch (code) {
        case 'b': case 'h': case 'i': return (jlong)v->swidened;
        case 'B': case 'H': case 'I': return (jlong)(v->widened & (code == 'I' ? 0xFFFFFFFFu : code == 'H' ? 0xFFFFu : 0xFFu));
        case 'f': { int32_t bits; memcpy(&bits, &v->f, sizeof bits); return (jlong)bits; }
        case 'd': { jlong bits; memcpy(&bits, &v->d, sizeof bits); return bits; }
        case 'v': return 0;
        default: return (jlong)v->q;
    }
}

/* Reads an argument passed to a closure (each at its own size). */
static jlong load_argument(const void *at, char code) {
    const c_value *v = at;
    switch (code) {
        case 'b': return v->b;
        case 'B': return v->B;
        case 'h': return v->h;
        case 'H': return v->H;
        case 'i': return v->i;
        case 'I': return v->I;
        case 'l': return v->l;
        case 'L': return (jlong)v->L;
        case 'q': return v->q;
        case 'Q': return (jlong)v->Q;
        case 'f': { int32_t bits; memcpy(&bits, &v->f, sizeof bits); return (jlong)bits; }
        case 'd': { jlong bits; memcpy(&bits, &v->d, sizeof bits); return bits; }
        default: return (jlong)(intptr_t)v->p;
    }
}

/* Stores a closure's result where libffi expects it (integers widened to ffi_arg). */
static void store_result(void *ret, char code, jlong slot) {
    switch (code) {
        case 'v': return;
        case 'f': { int32_t bits = (int32_t)slot; memcpy(ret, &bits, sizeof bits); return; }
        case 'd': memcpy(ret, &slot, sizeof slot); return;
        case 'b': *(ffi_sarg *)ret = (int8_t)slot; return;
        case 'h': *(ffi_sarg *)ret = (int16_t)slot; return;
        case 'i': *(ffi_sarg *)ret = (int32_t)slot; return;
        case 'B': *(ffi_arg *)ret = (uint8_t)slot; return;
        case 'H': *(ffi_arg *)ret = (uint16_t)slot; return;
        case 'I': *(ffi_arg *)ret = (uint32_t)slot; return;
        default: *(ffi_arg *)ret = (ffi_arg)slot; return;
    }
}

static void throw_new(JNIEnv *env, const char *class_name, const char *message) {
    jclass c = (*env)->FindClass(env, class_name);
    if (c != NULL) {
        (*env)->ThrowNew(env, c, message);
    }
}

/* Fills a cif from a signature: its return code, then one code per argument. */
static int prepare(ffi_cif *cif, ffi_type **types, const char *signature, jsize length) {
    ffi_type *result = type_of(signature[0]);
    if (result == NULL || length - 1 > MAX_ARGS) {
        return 0;
    }
    for (jsize i = 1; i < length; i++) {
        types[i - 1] = type_of(signature[i]);
        if (types[i - 1] == NULL || types[i - 1] == &ffi_type_void) {
            return 0;
        }
    }
    return ffi_prep_cif(cif, FFI_DEFAULT_ABI, (unsigned)(length - 1), result, types) == FFI_OK;
}

JNIEXPORT jlong JNICALL Java_dev_mica_ffi_NativeCalls_dlopen(JNIEnv *env, jclass c, jbyteArray path, jintArray error) {
    (void)c;
    char *name = NULL;
    if (path != NULL) {
        jsize n = (*env)->GetArrayLength(env, path);
        name = malloc((size_t)n + 1);
        if (name == NULL) {
            throw_new(env, "java/lang/OutOfMemoryError", "ffi");
            return 0;
        }
        (*env)->GetByteArrayRegion(env, path, 0, n, (jbyte *)name);
        name[n] = 0;
    }
    errno = 0;
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    jint code = errno != 0 ? errno : ENOENT;
    free(name);
    if (handle == NULL) {
        (*env)->SetIntArrayRegion(env, error, 0, 1, &code);
    }
    return (jlong)(intptr_t)handle;
}

JNIEXPORT jlong JNICALL Java_dev_mica_ffi_NativeCalls_dlsym(JNIEnv *env, jclass c, jlong handle, jbyteArray symbol) {
    (void)c;
    jsize n = (*env)->GetArrayLength(env, symbol);
    char name[512];
    if (n >= (jsize)sizeof name) {
        return 0;
    }
    (*env)->GetByteArrayRegion(env, symbol, 0, n, (jbyte *)name);
    name[n] = 0;
    return (jlong)(intptr_t)dlsym((void *)(intptr_t)handle, name);
}

JNIEXPORT void JNICALL Java_dev_mica_ffi_NativeCalls_dlclose(JNIEnv *env, jclass c, jlong handle) {
    (void)env;
    (void)c;
    dlclose((void *)(intptr_t)handle);
}

JNIEXPORT jboolean JNICALL Java_dev_mica_ffi_NativeCalls_validSignature(JNIEnv *env, jclass c, jbyteArray signature) {
    (void)c;
    jsize n = (*env)->GetArrayLength(env, signature);
    if (n < 1 || n - 1 > MAX_ARGS) {
        return JNI_FALSE;
    }
    char codes[MAX_ARGS + 1];
    (*env)->GetByteArrayRegion(env, signature, 0, n, (jbyte *)codes);
    ffi_cif cif;
    ffi_type *types[MAX_ARGS];
    return prepare(&cif, types, codes, n) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jlong JNICALL Java_dev_mica_ffi_NativeCalls_call(JNIEnv *env, jclass c, jlong function,
        jbyteArray signature, jlongArray arguments) {
    (void)c;
    jsize n = (*env)->GetArrayLength(env, signature);
    char codes[MAX_ARGS + 1];
    if (n < 1 || n - 1 > MAX_ARGS) {
        throw_new(env, "java/lang/IllegalArgumentException", "bad signature");
        return 0;
    }
    (*env)->GetByteArrayRegion(env, signature, 0, n, (jbyte *)codes);
    ffi_cif cif;
    ffi_type *types[MAX_ARGS];
    if (!prepare(&cif, types, codes, n)) {
        throw_new(env, "java/lang/IllegalArgumentException", "bad signature");
        return 0;
    }
    jlong slots[MAX_ARGS];
    (*env)->GetLongArrayRegion(env, arguments, 0, n - 1, slots);
    c_value values[MAX_ARGS];
    void *pointers[MAX_ARGS];
    for (jsize i = 0; i < n - 1; i++) {
        memset(&values[i], 0, sizeof values[i]);
        store(&values[i], codes[i + 1], slots[i]);
        pointers[i] = &values[i];
    }
    c_value result;
    memset(&result, 0, sizeof result);
    ffi_call(&cif, FFI_FN((void *)(intptr_t)function), &result, pointers);
    return load_returned(&result, codes[0]);
}

/* A closure: libffi's trampoline, its cif, and the Java object it calls. */
typedef struct {
    ffi_closure *closure;
    ffi_cif cif;
    ffi_type *types[MAX_ARGS];
    char codes[MAX_ARGS + 1];
    jobject target;
} java_closure;

static void enter_java(ffi_cif *cif, void *ret, void **args, void *user_data) {
    java_closure *self = user_data;
    JNIEnv *env;
    memset(ret, 0, cif->rtype->size < sizeof(ffi_arg) ? sizeof(ffi_arg) : cif->rtype->size);
    if ((*java_vm)->GetEnv(java_vm, (void **)&env, JNI_VERSION_1_8) != JNI_OK) {
        /* a thread the JVM does not know: the Java side refuses it, but must be reachable */
        if ((*java_vm)->AttachCurrentThreadAsDaemon(java_vm, (void **)&env, NULL) != JNI_OK) {
            return;
        }
    }
    jlong slots[MAX_ARGS];
    for (unsigned i = 0; i < cif->nargs; i++) {
        slots[i] = load_argument(args[i], self->codes[i + 1]);
    }
    jlongArray array = (*env)->NewLongArray(env, (jsize)cif->nargs);
    if (array == NULL) {
        (*env)->ExceptionClear(env);
        return;
    }
    (*env)->SetLongArrayRegion(env, array, 0, (jsize)cif->nargs, slots);
    jlong result = (*env)->CallLongMethod(env, self->target, invoke_method, array);
    if ((*env)->ExceptionCheck(env)) {
        /* the Java side reports a program's errors itself; nothing may unwind through C */
        (*env)->ExceptionClear(env);
        result = 0;
    }
    (*env)->DeleteLocalRef(env, array);
    store_result(ret, self->codes[0], result);
}

JNIEXPORT jlongArray JNICALL Java_dev_mica_ffi_NativeCalls_newClosure(JNIEnv *env, jclass c, jbyteArray signature,
        jobject target) {
    (void)c;
    if (invoke_method == NULL) {
        jclass target_class = (*env)->FindClass(env, "dev/mica/ffi/ClosureTarget");
        if (target_class == NULL) {
            return NULL;
        }
        invoke_method = (*env)->GetMethodID(env, target_class, "invoke", "([J)J");
        if (invoke_method == NULL) {
            return NULL;
        }
    }
    jsize n = (*env)->GetArrayLength(env, signature);
    java_closure *self = calloc(1, sizeof *self);
    if (self == NULL || n < 1 || n - 1 > MAX_ARGS) {
        free(self);
        throw_new(env, "java/lang/IllegalArgumentException", "bad signature");
        return NULL;
    }
    (*env)->GetByteArrayRegion(env, signature, 0, n, (jbyte *)self->codes);
    if (!prepare(&self->cif, self->types, self->codes, n)) {
        free(self);
        throw_new(env, "java/lang/IllegalArgumentException", "bad signature");
        return NULL;
    }
    void *code;
    self->closure = ffi_closure_alloc(sizeof(ffi_closure), &code);
    if (self->closure == NULL
            || ffi_prep_closure_loc(self->closure, &self->cif, enter_java, self, code) != FFI_OK) {
        if (self->closure != NULL) {
            ffi_closure_free(self->closure);
        }
        free(self);
        throw_new(env, "java/lang/IllegalStateException", "ffi_prep_closure_loc");
        return NULL;
    }
    self->target = (*env)->NewGlobalRef(env, target);
    jlong out[2] = {(jlong)(intptr_t)self, (jlong)(intptr_t)code};
    jlongArray result = (*env)->NewLongArray(env, 2);
    if (result != NULL) {
        (*env)->SetLongArrayRegion(env, result, 0, 2, out);
    }
    return result;
}

JNIEXPORT jlong JNICALL Java_dev_mica_ffi_NativeCalls_allocate(JNIEnv *env, jclass c, jlong size) {
    (void)env;
    (void)c;
    return (jlong)(intptr_t)calloc(1, size > 0 ? (size_t)size : 1);
}

JNIEXPORT void JNICALL Java_dev_mica_ffi_NativeCalls_free(JNIEnv *env, jclass c, jlong address) {
    (void)env;
    (void)c;
    free((void *)(intptr_t)address);
}

JNIEXPORT void JNICALL Java_dev_mica_ffi_NativeCalls_read(JNIEnv *env, jclass c, jlong address, jbyteArray into,
        jint offset, jint length) {
    (void)c;
    (*env)->SetByteArrayRegion(env, into, offset, length, (const jbyte *)(intptr_t)address);
}

JNIEXPORT void JNICALL Java_dev_mica_ffi_NativeCalls_write(JNIEnv *env, jclass c, jlong address, jbyteArray from,
        jint offset, jint length) {
    (void)c;
    (*env)->GetByteArrayRegion(env, from, offset, length, (jbyte *)(intptr_t)address);
}

JNIEXPORT jlong JNICALL Java_dev_mica_ffi_NativeCalls_strlen(JNIEnv *env, jclass c, jlong address) {
    (void)env;
    (void)c;
    return (jlong)strlen((const char *)(intptr_t)address);
}
