/**
 * Server configuration: the validated {@link org.parley.config.ServerConfig} record tree and the
 * {@link org.parley.config.ConfigLoader} that builds it from defaults, {@code conf/parley.properties} and
 * {@code --set key=value} overrides.
 *
 * <p>All validation happens here, once, at load time, so the rest of the server can trust every value it is handed
 * and an operator's mistake stops startup with a message naming the key. Key names are a contract with operators;
 * {@code conf/parley.properties} documents each of them and {@code ConfigDocTest} keeps the two in step.
 */
package org.parley.config;
