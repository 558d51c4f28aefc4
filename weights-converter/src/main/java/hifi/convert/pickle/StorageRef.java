package hifi.convert.pickle;

import hifi.engine.io.DType;

/**
 * A torch storage named by a persistent id {@code ('storage', torch.FloatStorage, key, location, numel)}: its bytes
 * are the zip entry {@code <archive>/data/<key>}.
 */
public record StorageRef(DType dtype, String key, long numel) {
}
