package hifi.convert.pickle;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)} describes it: a strided view
 * (offsets and strides in elements) of a storage.
 */
public record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {
}
