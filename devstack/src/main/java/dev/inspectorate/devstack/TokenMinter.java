package dev.inspectorate.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Mints bearer tokens for the local platform. The services run quarkus-oidc in public-key mode with this key's
 * public half, so no identity provider is needed locally. The key pair lives in the data folder.
 */
public final class TokenMinter {
    public static final String ISSUER = "https://devstack.inspectorate.local";
    public static final List<String> ROLES =
            List.of("lead-inspector", "inspector", "area-assessor", "performance-analyst", "reader", "operator");

    private final PrivateKey privateKey;
    private final String publicKey;

    private TokenMinter(PrivateKey privateKey, String publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key pair of a data folder, creating it on first use. */
    public static TokenMinter forDataDir(Path dataDir) throws IOException {
        Path keys = dataDir.resolve("keys");
        Path privatePath = keys.resolve("private.pk8.b64");
        Path publicPath = keys.resolve("public.x509.b64");
        try {
            if (!Files.exists(privatePath) || !Files.exists(publicPath)) {
                Files.createDirectories(keys);
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair pair = g.generateKeyPair();
                Files.writeString(publicPath, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
                Files.writeString(privatePath, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            }
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readString(privatePath).trim())));
            return new TokenMinter(key, Files.readString(publicPath).trim());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the devstack signing key from " + keys, e);
        }
    }

    /** The public key as quarkus.oidc.public-key expects it: base64 of the X.509 SubjectPublicKeyInfo. */
    public String publicKey() {
        return publicKey;
    }

    /** A token valid for twelve hours; {@code area} may be null. */
    public String mint(String user, String area, String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(user);
        claims.setClaim("upn", user);
        claims.setClaim("preferred_username", user);
        claims.setStringListClaim("groups", roles);
        if (area != null) {
            claims.setClaim("area", area);
        }
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(12 * 60);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setKeyIdHeaderValue("devstack");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
