package com.example.consumer;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.github.civis.client.api.CredentialsApi;
import io.github.civis.client.model.Credential;

@RestController
class CredentialsController {

    private final CredentialsApi credentials;

    CredentialsController(CredentialsApi credentials) {
        this.credentials = credentials;
    }

    record NewCredential(String name, String username, String password) {
    }

    record CredentialView(long id, String name) {
    }

    @PostMapping("/credentials")
    CredentialView create(@RequestBody NewCredential body) {
        Credential made = credentials.post(b -> b.type("Custom").name(body.name())
            .username(body.username()).password(body.password()));
        return new CredentialView(made.id(), made.name());
    }

    @GetMapping("/credentials")
    List<String> names() {
        try (Stream<Credential> all = credentials.listAll(q -> q.type("Custom"))) { // every page, lazily
            return all.map(Credential::name).toList();
        }
    }
}
