-- Secret Santa schema, part 1: roles, extensions and tables.
--
-- Runs as the owner role (the one in DATABASE_URL). Two further roles exist cluster-wide:
--   santa_app      LOGIN, NOSUPERUSER, NOBYPASSRLS: the only role the web app's pool uses.
--   santa_definer  NOLOGIN: owns the few SECURITY DEFINER functions; its own narrow policies let
--                  those functions see exactly the rows they need, while every table still has
--                  FORCE ROW LEVEL SECURITY (so even the owner reads nothing it was not granted).

do $$
begin
    begin
        create role santa_app login nosuperuser nobypassrls nocreatedb nocreaterole noinherit;
    exception when duplicate_object or unique_violation then
        null;
    end;
    begin
        create role santa_definer nologin nosuperuser nobypassrls nocreatedb nocreaterole;
    exception when duplicate_object or unique_violation then
        null;
    end;
end
$$;

-- The owner must be a member of santa_definer to hand it the ownership of functions.
do $$
begin
    if not pg_has_role(current_user, 'santa_definer', 'member') then
        execute format('grant santa_definer to %I', current_user);
    end if;
end
$$;

create extension if not exists citext with schema public;

create schema app;
grant usage on schema app to santa_app, santa_definer;
grant create on schema app to santa_definer;
alter default privileges in schema app revoke execute on functions from public;

create type public.user_role as enum ('author', 'participant');
create type public.token_purpose as enum ('set_password', 'reset_password');

-- Users: authors who registered and participants provisioned by a draw. A provisioned participant
-- has no password hash until they set one through their invitation.
create table public.users (
    id uuid primary key default gen_random_uuid(),
    email public.citext not null,
    password_hash text,
    role public.user_role not null default 'author',
    password_set_at timestamptz,
    created_at timestamptz not null default now(),
    constraint users_email_key unique (email),
    constraint users_email_format check (
        char_length(email) <= 254 and email::text ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
    ),
    constraint users_password_hash_is_argon2id check (
        password_hash is null or password_hash like '$argon2id$%'
    ),
    constraint users_password_set_at_with_hash check (
        (password_hash is null) = (password_set_at is null)
    )
);

create table public.draws (
    id uuid primary key default gen_random_uuid(),
    author_id uuid not null references public.users (id) on delete cascade,
    name text not null,
    budget_minor bigint,
    budget_currency text,
    exchange_date date,
    message text,
    drawn_at timestamptz,
    created_at timestamptz not null default now(),
    constraint draws_name_length check (btrim(name) <> '' and char_length(name) <= 120),
    constraint draws_budget_range check (budget_minor between 0 and 100000000000),
    constraint draws_budget_currency_format check (budget_currency ~ '^[A-Z]{3}$'),
    constraint draws_budget_complete check ((budget_minor is null) = (budget_currency is null)),
    constraint draws_message_length check (char_length(message) <= 2000)
);
create index draws_author_id_idx on public.draws (author_id);

create table public.draw_participants (
    id uuid primary key default gen_random_uuid(),
    draw_id uuid not null references public.draws (id) on delete cascade,
    user_id uuid references public.users (id) on delete set null,
    name text not null,
    surname text not null,
    email public.citext not null,
    gift_preferences text not null default '',
    created_at timestamptz not null default now(),
    constraint draw_participants_draw_id_email_key unique (draw_id, email),
    -- lets matches and exclusions require both people to be in the same draw
    constraint draw_participants_id_draw_id_key unique (id, draw_id),
    constraint draw_participants_name_length check (btrim(name) <> '' and char_length(name) <= 100),
    constraint draw_participants_surname_length check (btrim(surname) <> '' and char_length(surname) <= 100),
    constraint draw_participants_email_format check (
        char_length(email) <= 254 and email::text ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
    ),
    constraint draw_participants_gift_preferences_length check (char_length(gift_preferences) <= 10000)
);
create index draw_participants_user_id_idx on public.draw_participants (user_id);
create index draw_participants_email_idx on public.draw_participants (email);

-- "giver must not give to recipient" rules of one draw.
create table public.exclusions (
    draw_id uuid not null references public.draws (id) on delete cascade,
    giver_id uuid not null,
    recipient_id uuid not null,
    primary key (draw_id, giver_id, recipient_id),
    foreign key (giver_id, draw_id) references public.draw_participants (id, draw_id) on delete cascade,
    foreign key (recipient_id, draw_id) references public.draw_participants (id, draw_id) on delete cascade,
    constraint exclusions_not_self check (giver_id <> recipient_id)
);
create index exclusions_giver_id_idx on public.exclusions (giver_id);
create index exclusions_recipient_id_idx on public.exclusions (recipient_id);

-- Who gives to whom. Nobody but the giver can read a row: not even the draw's author.
create table public.matches (
    id uuid primary key default gen_random_uuid(),
    draw_id uuid not null references public.draws (id) on delete cascade,
    giver_id uuid not null,
    recipient_id uuid not null,
    created_at timestamptz not null default now(),
    constraint matches_giver_id_key unique (giver_id),
    constraint matches_recipient_id_key unique (recipient_id),
    constraint matches_not_self check (giver_id <> recipient_id),
    foreign key (giver_id, draw_id) references public.draw_participants (id, draw_id) on delete cascade,
    foreign key (recipient_id, draw_id) references public.draw_participants (id, draw_id) on delete cascade
);
create index matches_draw_id_idx on public.matches (draw_id);

-- Cached AI gift ideas, one row per match.
create table public.ai_suggestions (
    id uuid primary key default gen_random_uuid(),
    match_id uuid not null references public.matches (id) on delete cascade,
    data jsonb not null,
    model text not null,
    created_at timestamptz not null default now(),
    constraint ai_suggestions_match_id_key unique (match_id),
    constraint ai_suggestions_model_length check (char_length(model) <= 200)
);

-- Single-use tokens (set password, reset password). Only the SHA-256 of the token is stored.
create table public.auth_tokens (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references public.users (id) on delete cascade,
    purpose public.token_purpose not null,
    token_hash bytea not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now(),
    constraint auth_tokens_token_hash_key unique (token_hash),
    constraint auth_tokens_token_hash_length check (octet_length(token_hash) = 32)
);
create index auth_tokens_user_id_idx on public.auth_tokens (user_id);

-- The session store's table, in the layout tower-sessions-sqlx-store expects.
create schema tower_sessions;
create table tower_sessions.session (
    id text primary key not null,
    data bytea not null,
    expiry_date timestamptz not null
);
create index session_expiry_date_idx on tower_sessions.session (expiry_date);
