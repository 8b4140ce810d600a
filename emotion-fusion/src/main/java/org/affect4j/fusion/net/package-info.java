/**
 * The seed's fusion network (one linear layer over concatenated logits; {@link org.affect4j.fusion.net.FusionNet}) and
 * its training.
 */
package org.affect4j.fusion.net;
